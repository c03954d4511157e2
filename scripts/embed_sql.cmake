# embed_sql.cmake - turn the numbered migration files into a C array.
# Invoked at build time with -DOUT=file.c -DDIR=src/store/schema; the files
# are applied in name order (001_..., 002_...).
file(GLOB FILES ${DIR}/*.sql)
list(SORT FILES)
set(body "/* Generated from the files in src/store/schema by scripts/embed_sql.cmake. */\n")
string(APPEND body "#include \"store/migrations.h\"\n\nconst struct migration migrations[] = {\n")
set(n 0)
foreach(f ${FILES})
	get_filename_component(name ${f} NAME)
	file(READ ${f} hex HEX)
	string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" esc "${hex}")
	string(APPEND body "\t{\"${name}\", \"${esc}\"},\n")
	math(EXPR n "${n}+1")
endforeach()
string(APPEND body "};\nconst int migrations_count = ${n};\n")
file(WRITE ${OUT} "${body}")
