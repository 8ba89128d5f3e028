"""The screens of hamtimer, one a module. They post Messages; the app answers them.

Nothing is imported here, so the start screen's first frame never waits for the modules of
screens that come later (history, summary).
"""
