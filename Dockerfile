# callsite in a container. Build the image from this folder:
#   docker build -t callsite .
# then run it on a site folder mounted at /site:
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" callsite build
#   docker run --rm -v "$PWD:/site" -p 1111:1111 callsite serve --bind 0.0.0.0
# The image holds the binary on Debian slim, which keeps a shell for CI jobs
# that use it as their image.

FROM rust:1.95-slim-trixie AS build
WORKDIR /src
COPY . .
RUN cargo install --locked --path . --root /usr/local

FROM debian:trixie-slim
COPY --from=build /usr/local/bin/callsite /usr/local/bin/callsite
WORKDIR /site
EXPOSE 1111
ENTRYPOINT ["callsite"]
CMD ["build"]
