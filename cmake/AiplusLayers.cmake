# aiplus_include_root(TARGET FOLDER): TARGET's headers are included as "FOLDER/..." and
# found only by TARGET and the targets that link it. Each library's include root in the
# build tree holds its own folder alone (a symbolic link to the sources), so an include
# of a library that a target does not link fails with "No such file or directory".
function(aiplus_include_root target folder)
  set(root ${PROJECT_BINARY_DIR}/include/${target})
  get_filename_component(parent ${root}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(REMOVE ${root}/${folder})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
  target_include_directories(${target} PUBLIC ${root})
endfunction()
