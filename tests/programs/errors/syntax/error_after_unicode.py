s = "héllo" +
