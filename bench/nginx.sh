# Sourced by the gateway benches: the nginx pair every comparison uses, in $WORK.
#   127.0.0.1:18080  the upstream: "return 200" with a 1 KiB body
#   127.0.0.1:18090  nginx proxy_pass to it over keep-alive connections (the reference)
# One worker process serves both. start_nginx starts it; stop_nginx stops it (safe to call twice).
start_nginx() {
  local body
  body=$(head -c 1024 /dev/zero | tr '\0' 'x')
  cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream origin { server 127.0.0.1:18080; keepalive 64; }
  server { listen 127.0.0.1:18080; location / { default_type text/plain; return 200 "$body"; } }
  server { listen 127.0.0.1:18090;
           location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
NGINX
  nginx -c "$WORK/nginx.conf"
}

stop_nginx() {
  nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
}
