with z as {}: pass
