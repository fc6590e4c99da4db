// learnpath: accessible names and states that Material's defaults leave out, added on every page.
