-- GET an admin page (ADMIN_PATH) with the staff session cookie (ADMIN_COOKIE), as behind a TLS proxy.
function init(args)
  wrk.method = "GET"
  wrk.path = os.getenv("ADMIN_PATH")
  wrk.headers["Cookie"] = os.getenv("ADMIN_COOKIE")
  wrk.headers["X-Forwarded-Proto"] = "https"
end
