request = function()
  return wrk.format("GET", "/api/v1/orders?limit=20", bearer(next_of("tokens")))
end
