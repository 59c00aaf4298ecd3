"""A software security key for the Django test client: it answers the WebAuthn challenges
allauth puts in a page as a browser with a real key would (ES256, "none" attestation), built
with fido2, the library allauth checks the answers with. The browser tests use Chromium's
virtual authenticator instead."""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

# WebAuthn needs a secure context: http://localhost is one, the test client's "testserver" not.
HOST = "localhost"
ORIGIN = f"http://{HOST}"
FLAG = AuthenticatorData.FLAG


def _challenge(options) -> bytes:
    public_key = options["publicKey"]
    return public_key.challenge if hasattr(public_key, "challenge") else public_key["challenge"]


class SoftwareKey:
    def __init__(self) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.rp_id_hash = hashlib.sha256(HOST.encode()).digest()

    def register(self, creation_options) -> dict:
        """The browser's answer to "add a key" (js_data["creation_options"])."""
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=_challenge(creation_options), origin=ORIGIN
        )
        credential = AttestedCredentialData.create(
            b"\0" * 16,
            self.credential_id,
            ES256.from_cryptography_key(self.private_key.public_key()),
        )
        auth_data = AuthenticatorData.create(
            self.rp_id_hash, FLAG.UP | FLAG.UV | FLAG.AT, self.counter, credential
        )
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(
                    AttestationObject.create("none", auth_data, {})
                ),
            },
            "clientExtensionResults": {},
        }

    def sign(self, request_options) -> dict:
        """The browser's answer to "use your key" (js_data["request_options"])."""
        self.counter += 1
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=_challenge(request_options), origin=ORIGIN
        )
        auth_data = AuthenticatorData.create(self.rp_id_hash, FLAG.UP | FLAG.UV, self.counter)
        signature = self.private_key.sign(
            bytes(auth_data) + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
            },
            "clientExtensionResults": {},
        }
