"""The tests, mirroring the packages they test (graph/, api/, bench/); helpers in support/."""
