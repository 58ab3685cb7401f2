from i import
