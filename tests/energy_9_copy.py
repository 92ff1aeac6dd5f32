"""A coach's 2.2 copy of the kit's instrument in which energy_9 replaces energy_1.

Shared by the tests of issue 22's new-user try-out (tests/test_words7d_*.py): the kit's own
energy_1 item, the copy's energy_9 that replaces it, and energy_1 kept under [[retired]].
"""

ENERGY_1 = '''id = "energy_1"
text = "After a usual day I still have some energy left for things that matter to me."
reverse = false
'''
ENERGY_9 = '''id = "energy_9"
text = "At the end of a usual day I could still write one short message to a stranger."
reverse = false
replaces = "energy_1"
since = "2.2"
'''
RETIRED_1 = '''
[[retired]]
id = "energy_1"
ingredient = "energy"
text = "After a usual day I still have some energy left for things that matter to me."
reverse = false
retired = "2.2"
'''
