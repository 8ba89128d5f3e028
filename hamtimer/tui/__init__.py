"""The Textual user interface: screens, widgets and the app that ties them to the engine."""
