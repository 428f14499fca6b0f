request = function()
  return wrk.format("GET", "/api/v1/products/" .. next_of("productIds"))
end
