# Production image: gunicorn serving EthicsDesk; the database comes from DATABASE_URL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# WeasyPrint (PDF output) needs pango at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY ethicsdesk ethicsdesk
COPY accounts accounts
COPY frameworks frameworks
COPY jurisdictions jurisdictions
COPY cases cases
COPY records records
COPY review review
COPY consults consults
COPY audit audit
COPY ops ops
COPY jobs jobs
COPY library library
RUN pip install .
COPY . .

# collectstatic needs settings but no database: give it throwaway values at build time only.
RUN SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app ethicsdesk && mkdir -p /app/var && chown -R ethicsdesk /app/var
USER ethicsdesk
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_frameworks && python manage.py load_rules && exec gunicorn ethicsdesk.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3}"]
