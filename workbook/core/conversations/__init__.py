"""The conversations model: people, places, steps, due dates, their words and weekly figure.

Pure (no files): :mod:`.model` (people, steps, working-day due dates, planned against done),
:mod:`.words` (the instrument's ``[conversations]`` words and cadence), :mod:`.starters`
(the first lines of notes), :mod:`.chart` (the weekly figure). The tracker that keeps a
client's list on disk is :mod:`workbook.session.tracker`.
"""
