"""Helpers for the sound tests: a standalone ALSA capture configuration, reading what it
captured, and finding beeps (their length and pitch) in the samples without numpy."""
