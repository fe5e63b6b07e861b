"""`workshop scherm`: the room's screen, a second Textual app for the projector window.

It finds the running session of a data folder by itself (`workshop.hub.live`), connects with
the read-only `scherm` role, and shows the projector view big. It never receives pending
texts, notes, the trainer's panel, keys or names: the hub does not send them to this role.
"""
