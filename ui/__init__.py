"""Helpers shared by the pages: translation catalogue, URL-mirrored widgets, sidebar, charts.

Dependencies go one way: pages -> ui -> core.
"""
