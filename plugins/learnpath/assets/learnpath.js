// learnpath: progress and filters (see issue 4)
