# Multi-stage build: a static binary on a small, non-root base.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/heritageline ./cmd/heritageline

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/heritageline /heritageline
USER nonroot:nonroot
EXPOSE 8080
ENV LISTEN_ADDR=:8080
ENTRYPOINT ["/heritageline", "serve"]
