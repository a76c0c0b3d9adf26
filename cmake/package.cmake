# Install rules and the Debian package (`cpack -G DEB` in a build tree, or deploy/package.sh).
# The package installs what deploy/install.sh installs, at Debian's paths: /usr/bin/enlace,
# the hardened unit, a system user, /etc/enlace/enlace.toml (a conffile) and /var/lib/enlace.
include(GNUInstallDirs)

set(ENLACE_PKG_DIR ${CMAKE_CURRENT_BINARY_DIR}/package)
# The unit and config as deploy/ has them, at the package's prefix (/usr, not /usr/local).
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/deploy/enlace.service unit)
string(REPLACE "/usr/local/" "/usr/" unit "${unit}")
string(REPLACE "Installed by deploy/install.sh to /etc/systemd/system/."
               "Installed by the enlace Debian package." unit "${unit}")
file(WRITE ${ENLACE_PKG_DIR}/enlace.service "${unit}")
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/deploy/debian/changelog changelog)
string(REPLACE "@VERSION@" "${PROJECT_VERSION}-1" changelog "${changelog}")
file(WRITE ${ENLACE_PKG_DIR}/changelog.Debian "${changelog}")
add_custom_command(OUTPUT ${ENLACE_PKG_DIR}/changelog.Debian.gz
                   COMMAND gzip -9 -n -f -k ${ENLACE_PKG_DIR}/changelog.Debian
                   DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/deploy/debian/changelog)
add_custom_target(enlace_package_files ALL DEPENDS ${ENLACE_PKG_DIR}/changelog.Debian.gz)

install(TARGETS enlace RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT enlace)
install(FILES ${ENLACE_PKG_DIR}/enlace.service DESTINATION /lib/systemd/system COMPONENT enlace)
install(FILES deploy/debian/sysusers.conf DESTINATION lib/sysusers.d RENAME enlace.conf
        COMPONENT enlace)
install(FILES deploy/enlace.example.toml DESTINATION /etc/enlace RENAME enlace.toml
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT enlace)
install(FILES docs/OPERATIONS.md deploy/enlace.example.toml deploy/debian/copyright
              ${ENLACE_PKG_DIR}/changelog.Debian.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/enlace COMPONENT enlace)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME enlace)
set(CPACK_PACKAGE_VENDOR "Enlace")
set(CPACK_PACKAGE_CONTACT "Enlace maintainers <maintainers@enlace.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "case-referral and coordination server for migrant help networks")
set(CPACK_PACKAGE_DESCRIPTION
    "Enlace lets municipal help desks refer migrants and refugees to partner\n"
    "organisations for shelter, documentation, employment and health, follow\n"
    "each referral to its outcome, and show coordinators where needs go unmet.\n"
    "One server with its web UI built in, storing its data in SQLite.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd")
# pg_dump and pg_restore, for `enlace backup` and `restore` on a PostgreSQL deployment.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client-15")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_SOURCE_DIR}/deploy/debian/conffiles
    ${CMAKE_CURRENT_SOURCE_DIR}/deploy/debian/postinst
    ${CMAKE_CURRENT_SOURCE_DIR}/deploy/debian/prerm
    ${CMAKE_CURRENT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
    GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
