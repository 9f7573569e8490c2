# Goldsmith's image: built with Maven, run on Debian 12 with libvirt and QEMU beside it.
FROM debian:12 AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .checkstyle.xml ./
COPY catalog catalog
COPY feeds feeds
COPY builders builders
COPY routes routes
RUN mvn -B -q -DskipTests package

FROM debian:12
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      openjdk-17-jre-headless libvirt0 libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu \
      qemu-system-x86 qemu-utils mmdebstrap e2fsprogs genisoimage ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/goldsmith
COPY --from=build /src/routes/target/goldsmith.jar lib/goldsmith.jar
COPY config config
ENV GOLDSMITH_CONFIG=/opt/goldsmith/config/goldsmith.yaml
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/opt/goldsmith/lib/goldsmith.jar"]
CMD ["run"]
