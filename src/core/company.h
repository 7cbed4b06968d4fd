// The company that issues the documents (卖方 / 我方), from the job file.
#pragma once

#include <string>

namespace danju {

struct Company {
  std::string name;     // 杭州丹聚定制科技有限公司
  std::string address;
  std::string phone;
  std::string tax_id;   // 统一社会信用代码
  std::string bank;     // 开户行
  std::string account;  // 账号
};

}  // namespace danju
