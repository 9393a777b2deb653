"""The Streamlit app (``streamlit run app.py``), one job per module.

| module | job |
|---|---|
| ``state`` | control values without Streamlit: draws, duration steps, the share link |
| ``session`` | session state: URL -> controls once, uploads, parameter edits, notices |
| ``sidebar`` | the levers; whether the duration control applies; what it changed |
| ``runs`` | cached model runs, context, tornado, flows; scenarios folder; warm-up |
| ``scenarios`` | the scenario builder and the upload parsers |
| ``measured`` | an uploaded measured curve as the scenario, plotted beside the model's access |
| ``tables`` | parameter table, Sankey flows, any-country baselines, downloads |
| ``text`` | ``app.*`` texts of the shared catalogue, money, plain (Markdown-safe) text |
| ``view`` | what a page draws from, and the headline block (figures: ``report/charts.py``) |
| ``pages`` | one module per page: explorer, sensitivity, assumptions, share |
"""
