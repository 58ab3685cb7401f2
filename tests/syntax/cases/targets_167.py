with z as x.y(): pass
