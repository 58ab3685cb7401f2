with z as f(): pass
