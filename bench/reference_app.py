"""The reference page for bench/pages.py: a bare Streamlit page with one Altair chart."""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Reference")
data = pd.DataFrame({"year": list(range(2024, 2031)), "value": [3, 4, 4, 5, 6, 6, 7]})
st.altair_chart(alt.Chart(data).mark_line(point=True).encode(x="year:O", y="value:Q"), width="stretch")
