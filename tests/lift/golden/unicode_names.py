ﬁle: int = 1
café = ﬁle
