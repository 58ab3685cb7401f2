def i{i}(): return {i}
