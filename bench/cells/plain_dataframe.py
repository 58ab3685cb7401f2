import pandas as pd
import numpy as np

df = pd.read_csv("measurements.csv", parse_dates=["timestamp"])
df = df[df["value"].notna() & (df["sensor"] != "test")]
df["hour"] = df["timestamp"].dt.floor("h")
summary = (
    df.groupby(["sensor", "hour"])["value"]
    .agg(["mean", "std", "count"])
    .reset_index()
    .sort_values(["sensor", "hour"])
)
outliers = summary[np.abs(summary["std"]) > 3]
print(len(outliers), "outliers in", len(summary), "hours")
summary.tail(10)
