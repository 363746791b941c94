#!/usr/bin/env bash
# Starts Debian's clickhouse-server as a plain process for a benchmark: the package's config.xml and users.xml copied
# into a temporary directory, every path under it, the HTTP port $1 (default 18123), other ports free ones, listening
# on 127.0.0.1 only. Prints the directory; stop it with: kill $(cat <dir>/pid)
set -euo pipefail
port=${1:-18123}
dir=$(mktemp -d /tmp/zf-bench-clickhouse-XXXX)
mkdir -p "$dir/data" "$dir/log"
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sed -e "s#/var/lib/clickhouse/#$dir/data/#g" -e "s#/var/log/clickhouse-server/#$dir/log/#g" \
    -e "s#<http_port>[^<]*</http_port>#<http_port>$port</http_port>#" \
    -e "s#<tcp_port>[^<]*</tcp_port>#<tcp_port>$(free)</tcp_port>#" \
    -e "s#<interserver_http_port>[^<]*</interserver_http_port>#<interserver_http_port>$(free)</interserver_http_port>#" \
    -e "s#<\(https_port\|tcp_port_secure\|mysql_port\|postgresql_port\|grpc_port\|listen_host\)>[^<]*</[a-z_]*>##g" \
    -e "0,/<\(yandex\|clickhouse\)>/s##&<listen_host>127.0.0.1</listen_host>#" \
    /etc/clickhouse-server/config.xml > "$dir/config.xml"
cp /etc/clickhouse-server/users.xml "$dir/users.xml"
cd "$dir"
nohup clickhouse-server --config-file="$dir/config.xml" < /dev/null > "$dir/server.out" 2>&1 &
echo $! > "$dir/pid"
cd - > /dev/null
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/ping" > /dev/null && { echo "$dir"; exit 0; }
  sleep 1
done
echo "ClickHouse did not answer on port $port: $(tail -5 "$dir/server.out")" >&2
exit 1
