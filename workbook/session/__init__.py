"""What a coaching session needs: the client store, the conversations tracker, the app.

``store/`` (a client's answers: journal and snapshot), ``tracker.py`` (the conversations
list on disk), ``conversations.py`` (the public face of both), ``widgets/`` (the pages),
``coach.py``, ``voila_server.py`` and ``hub.py`` (serving the app), ``sharing.py``,
``workfolder.py``, ``instrument_record.py`` (which instrument a workspace uses),
``plots.py`` (a client's profile and history figures). Reads ``workbook.core`` and
``workbook.responses`` only.
"""
