from tests.cases.conftest import clinician, deliberation, integrated, owner_client  # noqa: F401
