# KuDeQua application image: one image for web (gunicorn), worker and beat (Celery) and migrate.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries (Pango, HarfBuzz), fonts for the PDF reports, gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libpangocairo-1.0-0 \
        fonts-dejavu-core \
        fonts-liberation \
        gettext \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user that runs every process of the image.
RUN groupadd --system --gid 1000 kudequa \
    && useradd --system --uid 1000 --gid kudequa --home-dir /app --no-create-home --shell /usr/sbin/nologin kudequa

WORKDIR /app

# Dependencies first so that code changes do not invalidate this layer.
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt

# The code stays owned by root: the application user can read it but not change it.
COPY . .

# Build-time only: settings need these to import; they are not baked into the image's environment.
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py compilemessages
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

# /app/var is the only writable place (media, Celery beat schedule); a named volume mounted
# there starts with this ownership.
RUN mkdir -p /app/var/media && chown -R kudequa:kudequa /app/var

USER kudequa

EXPOSE 8000

CMD ["gunicorn", "kudequa.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
