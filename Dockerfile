# Aniworld in a container: the single executable on a slim Debian base, run as a non-root user.
#   docker build -t aniworld .
#   docker run -d -p 8000:8000 -v aniworld-data:/data -v /path/to/anime:/library aniworld
# See docs/deploy.md. Build with --build-arg FFMPEG=1 to include ffmpeg (HLS downloads become .mp4).

FROM node:22-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Bun comes from the npm registry (the `bun` package), as on any fresh machine with Node and npm.
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM debian:bookworm-slim
ARG FFMPEG=0
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata $( [ "$FFMPEG" = "1" ] && echo ffmpeg ) \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 1000 aniworld \
 && useradd --system --uid 1000 --gid aniworld --home-dir /data --shell /usr/sbin/nologin aniworld \
 && mkdir -p /data /library \
 && chown aniworld:aniworld /data /library
COPY --from=build /src/dist/aniworld /usr/local/bin/aniworld

ENV ANIWORLD_HOST=0.0.0.0 \
    ANIWORLD_PORT=8000 \
    ANIWORLD_DATA_DIR=/data \
    ANIWORLD_LIBRARY=/library
VOLUME ["/data", "/library"]
EXPOSE 8000
USER aniworld
WORKDIR /data
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["aniworld", "healthcheck"]
ENTRYPOINT ["aniworld"]
CMD ["serve"]
