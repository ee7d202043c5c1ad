# Maillage: one image serving the site with gunicorn (2 workers) and WhiteNoise for static files.
# Build and run with compose.yaml (Maillage + PostgreSQL 15); docs/deploy.md tells the whole story.
# The image runs with MAILLAGE_ENV=production: it needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL,
# and expects an HTTPS reverse proxy in front (BEHIND_HTTPS_PROXY=true).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.base \
    MAILLAGE_ENV=production \
    MAILLAGE_VAR_DIR=/var/lib/maillage \
    MAILLAGE_STATIC_ROOT=/app/static

# WeasyPrint (PDF sheets and booklets) needs Pango and HarfBuzz; the print style sheets use DejaVu Sans.
# postgresql-client (15 on bookworm) gives `maillage backup` / `maillage restore` pg_dump and pg_restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/base.lock requirements/base.lock
RUN pip install -r requirements/base.lock

COPY . .
# Editable install: the `maillage` command, with templates, static files and data read from /app.
RUN pip install --no-deps -e . \
    && MAILLAGE_VAR_DIR=/tmp/build SECRET_KEY=build-only-collectstatic-not-a-secret-0123456789 \
       ALLOWED_HOSTS=build.invalid DATABASE_URL=sqlite:////tmp/build/unused.sqlite3 \
       maillage collectstatic --noinput -v 0 \
    && rm -rf /tmp/build \
    && useradd --system --uid 1000 --home-dir /var/lib/maillage --shell /usr/sbin/nologin maillage \
    && mkdir -p /var/lib/maillage \
    && chown maillage:maillage /var/lib/maillage

USER maillage
VOLUME ["/var/lib/maillage"]
EXPOSE 8000

# Healthy when the home page answers (it reads the database). The request says it came through HTTPS
# and names the first ALLOWED_HOSTS entry, as the reverse proxy would; a redirect also counts as alive.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import http.client, os; host = os.environ['ALLOWED_HOSTS'].split(',')[0].strip().lstrip('.'); c = http.client.HTTPConnection('127.0.0.1', 8000, timeout=8); c.request('GET', '/', headers={'Host': host, 'X-Forwarded-Proto': 'https'}); raise SystemExit(c.getresponse().status >= 400)"]

# Apply migrations, then serve. Two workers suit a small VM (2 CPUs); raise with GUNICORN_CMD_ARGS.
CMD ["sh", "-c", "maillage migrate --noinput && exec gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 2 --timeout 120 --access-logfile -"]
