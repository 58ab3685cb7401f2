with z as ...: pass
