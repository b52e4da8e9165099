# Multi-stage build: a static binary on a small, non-root base.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# .git is not in the build context (.dockerignore), so the version comes from
# the VERSION build argument when given; `heritageline version` says which.
ARG VERSION=
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w -X main.version=${VERSION}" -o /out/heritageline ./cmd/heritageline

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/heritageline /heritageline
USER nonroot:nonroot
EXPOSE 8080
ENV LISTEN_ADDR=:8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["/heritageline", "healthcheck"]
ENTRYPOINT ["/heritageline", "serve"]
