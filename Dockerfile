# The production shape: the built SPA and the API in one image; PostgreSQL is a separate service.
# syntax=docker/dockerfile:1

FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY package.json package-lock.json ./
COPY frontend/package.json frontend/
RUN npm ci --no-audit --no-fund
COPY schema.graphql ./
COPY frontend/ frontend/
RUN npm run build

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 IACS_ENV=production \
    IACS_STATIC_DIR=/app/frontend/dist IACS_TRUSTED_DOCUMENTS=/app/frontend/persisted-documents.json
WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY backend/ backend/
RUN pip install --no-cache-dir --no-deps . && useradd --system --uid 10001 iacs
COPY --from=web /src/frontend/dist frontend/dist
# The SPA's operations, sent by hash (documentId); checked against the schema when the server starts.
COPY --from=web /src/frontend/src/gql/persisted-documents.json frontend/persisted-documents.json
USER iacs
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"
# Migrate, then serve. Behind a TLS-terminating proxy; the session cookie is Secure (__Host-) in production.
CMD ["sh", "-c", "iacs migrate && exec iacs serve --host 0.0.0.0 --port 8000"]
