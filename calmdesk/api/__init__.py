"""HTTP plumbing shared by the domain routers: dependencies, errors, middleware."""
