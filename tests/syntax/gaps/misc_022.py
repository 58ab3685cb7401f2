Check that compiling code raises SyntaxError with errtext.

        errtest is a regular expression that must be present in the
        test of the exception ra