// The ids the demo network was given, by readable name, so that later demo seeders (cases,
// referrals) can attach to it: territories["quito"], organizations["casa_acogida"],
// services["casa_shelter"], users["pichincha.caseworker"].
#pragma once

#include <map>
#include <string>

namespace enlace::gateway {

struct DemoIds {
  // Input: the one Argon2id PHC string every demo account shares (see demo_data.cpp).
  std::string password_hash;
  std::map<std::string, std::string> territories, organizations, services, users;
};

}  // namespace enlace::gateway
