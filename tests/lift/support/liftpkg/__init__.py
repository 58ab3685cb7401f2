"""Package of the lift equivalence programs: each program runs as liftpkg.<name>."""
PACKAGE_VALUE = "package"
