# A container for the runner that stays up (not exercised by CI here: no Docker engine on its machines).
#   docker build -t image-harvester .
#   docker run -d -e IMGUR_CLIENT_ID=... -v harvest:/harvester/data image-harvester
# Any property can be overridden with -e (SOURCE_URL=..., HARVEST_CRON="0 30 3 * * ?") or appended -D options in
# JAVA_OPTS. Images, thumbnails, reports and the ledger live under /harvester/data, the volume (data/state private to
# the harvester user).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY application.properties .
RUN mvn -B -q -DskipTests package

# Debian's OpenJDK decodes JPEG with the system libjpeg-turbo; libturbojpeg0 and libwebp7 give JPEG and WebP
# thumbnails their fast path, libheif1 the thumbnails of AVIF and HEIF images
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless libturbojpeg0 libwebp7 libheif1 \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /harvester harvester
WORKDIR /harvester
COPY --from=build /src/target/image-harvester.jar .
COPY harvester .
COPY routes routes
COPY application.properties .
# the launcher's class-data cache, made now by a training run (the demo, in a folder thrown away) and kept in the
# application folder, which only root may write: the runner reads it and cannot change it; never on the data volume.
# It is made for this jar (size and time) and this JVM, which the image keeps as they are here
ENV HARVESTER_CACHE=/harvester/cache
RUN mkdir /tmp/training && cd /tmp/training && cp -r /harvester/routes /harvester/application.properties . \
    && /harvester/harvester --once --demo && cd / && rm -rf /tmp/training && chmod -R a+rX,go-w /harvester/cache
RUN mkdir data && chown harvester data
USER harvester
VOLUME /harvester/data
# the launcher: the measured JVM options (more in JAVA_OPTS) and its class-data cache, made above
ENV DOWNLOAD_DIR=data/images THUMBNAIL_DIR=data/thumbnails REPORT_DIR=data/reports LEDGER_FILE=data/state/ledger
ENTRYPOINT ["./harvester"]
