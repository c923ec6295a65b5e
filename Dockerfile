# syntax=docker/dockerfile:1
# Backend image: Django + gunicorn (also runs the Celery worker and beat).
#   docker build -t healthcare-backend .
#   docker run -p 8000:8000 --env-file .env healthcare-backend

# --- 1. builder: every pinned requirement as a wheel ---------------------------------
FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

# --- 2. runtime: slim, no compilers, non-root ------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PORT=8000

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

COPY --from=builder /wheels /wheels
COPY requirements.txt /wheels/requirements.txt
RUN python -m venv "$VIRTUAL_ENV" \
    && pip install --no-index --find-links=/wheels -r /wheels/requirements.txt \
    && rm -rf /wheels

WORKDIR /app
# The code belongs to root and is read-only for the app user.
COPY . .

# Static files are collected (hashed and compressed for whitenoise) at build time, with a
# throwaway key: the real SECRET_KEY is only ever given at run time.
ARG BUILD_SECRET_KEY=build-only-secret-key-never-used-at-runtime-0123456789abcdefghijklmnop
RUN DEBUG=false SECRET_KEY="$BUILD_SECRET_KEY" DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        python manage.py collectstatic --noinput \
    && python -m compileall -q /app \
    && mkdir -p /app/var/mail /var/lib/healthcare \
    && chown -R app:app /app/var /var/lib/healthcare

USER app
EXPOSE 8000
# /healthz/ answers 503 when the database is down; urlopen raises on it. The Host header must be
# in ALLOWED_HOSTS: keep localhost there or set HEALTHCHECK_HOST.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:%s/healthz/' % os.environ.get('PORT', '8000'), headers={'Host': os.environ.get('HEALTHCHECK_HOST', 'localhost')}), timeout=4)"

CMD ["gunicorn", "-c", "gunicorn.conf.py", "healthcare_system.wsgi"]
