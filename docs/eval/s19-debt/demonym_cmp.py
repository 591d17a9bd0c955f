# Old vs new qa.clashes.demonym_aliases / qa.inventory.place_match on a list of names: run with PYTHONPATH at each
# checkout and diff the outputs (docs/eval/s19-debt.md, task 2).
from qa.clashes import demonym_aliases
from qa.inventory import place_match
names = ['american','united states','u.s.','us','uk','u.k.','wales','welsh','norway','norwegian','dutch','no','car','chad','texas','france','the us','russia','korean','north korean','british','filipino','philippines','greece','greek','england','scotland','holland','great britain']
for n in names: print('A', n, sorted(demonym_aliases(n)))
pairs=[('American','U.S.'),('Chilean',"Chile's"),('South African','South Africa'),('Dutch','the Netherlands'),('american','us'),('English','England'),('British','UK'),('Texan','Texas'),('Chinese','Japan'),('Dutch','Holland'),('British','Great Britain'),('American','United States'),('american','USA'),('Filipino','Philippines')]
for a,b in pairs: print('P', a,b,place_match(a,b))
