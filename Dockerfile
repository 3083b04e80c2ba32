# Production image: the portal under gunicorn, or a Celery worker/beat from the same image.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PORTAL_ENV=production PORTAL_VAR=/var/lib/portal STATIC_ROOT=/srv/static MEDIA_ROOT=/var/lib/portal/media

# WeasyPrint renders filings with Pango/HarfBuzz; DejaVu is the font the PDF templates embed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
        libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /srv portal

WORKDIR /srv/app
COPY pyproject.toml README.md requirements.lock ./
COPY portal ./portal
COPY registry ./registry
# The locked production tree (README, Dependencies): requirements.lock holds neither the `dev`
# extra (embedded PostgreSQL and Redis) nor `test`. Then the portal without resolving anything.
RUN pip install --require-hashes --no-deps -r requirements.lock && pip install --no-deps .
# .dockerignore keeps .env, .venv, var/ and .git out of this layer.
COPY . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && mkdir -p /var/lib/portal/media && chown -R portal /var/lib/portal

USER portal
EXPOSE 8000
# X-Forwarded-* is believed only from FORWARDED_ALLOW_IPS (gunicorn reads the variable itself):
# the reverse proxy's address as this container sees it (docker-compose.yml, README Deploying).
ENV FORWARDED_ALLOW_IPS=127.0.0.1
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--max-requests", "2000", "--max-requests-jitter", "200"]
