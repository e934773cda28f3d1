# workerd configuration for the proxy Worker (src/proxy/worker.ts).
#   node --import tsx scripts/build-worker.ts        # bundles to dist/worker/worker.js
#   ISOMETRIC_API_URL=… ISOMETRIC_CLIENT_SECRET=… ISOMETRIC_ACCESS_TOKEN=… npx workerd serve workerd/config.capnp
# Every setting is read from workerd's own environment (fromEnvironment), so no secret lives here;
# an unset variable is simply absent, as in the CLI. Listens on 127.0.0.1:8787 unless overridden with
# `--socket-addr http=HOST:PORT`.
# The client address for the rate limits is CF-Connecting-IP unless ISOMETRIC_TRUST_PROXY says otherwise
# (`true`: X-Forwarded-For; `false`: neither): whatever fronts workerd must set the header it trusts,
# overwriting the client's. `npm run test:workerd` serves this file as it is (see test/workerd/).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "proxy", worker = .proxyWorker),
    # The Worker's outbound fetch. "public" reaches the Registry API; "private" and "local" let it reach
    # a local registry on loopback during development: drop them in production.
    (name = "internet", network = (allow = ["public", "private", "local"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "proxy")],
);

const proxyWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "../dist/worker/worker.js")],
  compatibilityDate = "2025-01-01",
  globalOutbound = "internet",
  bindings = [
    (name = "ISOMETRIC_API_URL", fromEnvironment = "ISOMETRIC_API_URL"),
    (name = "ISOMETRIC_CLIENT_SECRET", fromEnvironment = "ISOMETRIC_CLIENT_SECRET"),
    (name = "ISOMETRIC_ACCESS_TOKEN", fromEnvironment = "ISOMETRIC_ACCESS_TOKEN"),
    (name = "ISOMETRIC_ALLOWED_ORIGINS", fromEnvironment = "ISOMETRIC_ALLOWED_ORIGINS"),
    (name = "ISOMETRIC_BASE_PATH", fromEnvironment = "ISOMETRIC_BASE_PATH"),
    (name = "ISOMETRIC_OPERATIONS", fromEnvironment = "ISOMETRIC_OPERATIONS"),
    (name = "ISOMETRIC_CACHE_TTL", fromEnvironment = "ISOMETRIC_CACHE_TTL"),
    (name = "ISOMETRIC_CACHE_MAX_ENTRIES", fromEnvironment = "ISOMETRIC_CACHE_MAX_ENTRIES"),
    (name = "ISOMETRIC_CACHE_MAX_BYTES", fromEnvironment = "ISOMETRIC_CACHE_MAX_BYTES"),
    (name = "ISOMETRIC_STALE_IF_ERROR", fromEnvironment = "ISOMETRIC_STALE_IF_ERROR"),
    (name = "ISOMETRIC_UPSTREAM_TIMEOUT_MS", fromEnvironment = "ISOMETRIC_UPSTREAM_TIMEOUT_MS"),
    (name = "ISOMETRIC_UPSTREAM_RETRIES", fromEnvironment = "ISOMETRIC_UPSTREAM_RETRIES"),
    (name = "ISOMETRIC_UPSTREAM_MAX_BYTES", fromEnvironment = "ISOMETRIC_UPSTREAM_MAX_BYTES"),
    (name = "ISOMETRIC_RATE_LIMIT_READS", fromEnvironment = "ISOMETRIC_RATE_LIMIT_READS"),
    (name = "ISOMETRIC_SCOPE_ORGANISATIONS", fromEnvironment = "ISOMETRIC_SCOPE_ORGANISATIONS"),
    (name = "ISOMETRIC_SCOPE_SUPPLIERS", fromEnvironment = "ISOMETRIC_SCOPE_SUPPLIERS"),
    (name = "ISOMETRIC_SCOPE_PROJECTS", fromEnvironment = "ISOMETRIC_SCOPE_PROJECTS"),
    (name = "ISOMETRIC_CHECKOUT_URLS", fromEnvironment = "ISOMETRIC_CHECKOUT_URLS"),
    (name = "ISOMETRIC_CHECKOUT_MIN_KG", fromEnvironment = "ISOMETRIC_CHECKOUT_MIN_KG"),
    (name = "ISOMETRIC_CHECKOUT_MAX_KG", fromEnvironment = "ISOMETRIC_CHECKOUT_MAX_KG"),
    (name = "ISOMETRIC_CHECKOUT_REDIRECT_HOSTS", fromEnvironment = "ISOMETRIC_CHECKOUT_REDIRECT_HOSTS"),
    (name = "ISOMETRIC_CHECKOUT_RATE_LIMIT", fromEnvironment = "ISOMETRIC_CHECKOUT_RATE_LIMIT"),
    (name = "ISOMETRIC_TRUST_PROXY", fromEnvironment = "ISOMETRIC_TRUST_PROXY"),
    (name = "ISOMETRIC_METRICS", fromEnvironment = "ISOMETRIC_METRICS"),
    (name = "ISOMETRIC_METRICS_TOKEN", fromEnvironment = "ISOMETRIC_METRICS_TOKEN"),
    (name = "ISOMETRIC_LOG", fromEnvironment = "ISOMETRIC_LOG"),
    (name = "ISOMETRIC_DEV", fromEnvironment = "ISOMETRIC_DEV"),
  ],
);
