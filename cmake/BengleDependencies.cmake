# Every dependency comes from a Debian package. A superproject may provide the
# targets itself; then we do not look for them again.
if(NOT TARGET ICU::uc OR NOT TARGET ICU::i18n)
  find_package(ICU 70 REQUIRED COMPONENTS uc i18n)
endif()
if(NOT TARGET simdjson::simdjson)
  find_package(simdjson REQUIRED)
endif()
if(NOT TARGET ZLIB::ZLIB)
  find_package(ZLIB REQUIRED)
endif()
if(BENGLE_BUILD_TOOLS AND NOT TARGET CLI11::CLI11)
  find_package(CLI11 REQUIRED)
endif()
