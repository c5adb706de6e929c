# A character that is not XID_Start cannot begin a name.
mood = "ok"
😀 = 1
