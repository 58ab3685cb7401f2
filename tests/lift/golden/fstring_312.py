s = f"{x["a"]}"
t = f"{
x
}"
