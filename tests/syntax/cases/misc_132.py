import a from b as bar
